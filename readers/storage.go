package readers

import "github.com/amplify-migrate/amplify-migrate/model"

func (r *reader) readBucket(res *model.Resource) {
	b := &model.Bucket{}
	res.Bucket = b
	d, settings, pos := r.readSettings(res, "", "cli-inputs.json", "parameters.json")
	if d != nil {
		b.Source = d.rel
	}
	b.Settings, b.Positions = settings, pos
	b.BucketName = settings["bucketName"]
}

func (r *reader) readTable(res *model.Resource) {
	t := &model.Table{}
	res.Table = t
	d, settings, pos := r.readSettings(res, "", "cli-inputs.json", "parameters.json")
	if d != nil {
		t.Source = d.rel
	}
	t.Settings, t.Positions = settings, pos
	t.TableName = settings["tableName"]
}
